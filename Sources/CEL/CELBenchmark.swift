import Foundation

/// A micro-benchmark of a typical rule, for `make bench`.
public enum CELBenchmark {
    private final class Risk: CELObject {
        let score: Int64
        init(score: Int64) { self.score = score }
        func celField(_ index: Int) -> CELValue? { index == 0 ? .int(score) : nil }
    }

    private final class Project: CELObject {
        let budget: Double
        let stage: String
        let risks: [CELValue]
        init(budget: Double, stage: String, risks: [CELValue]) { self.budget = budget; self.stage = stage; self.risks = risks }
        func celField(_ index: Int) -> CELValue? {
            switch index {
            case 0: return .double(budget)
            case 1: return .string(stage)
            case 2: return .list(risks)
            default: return nil
            }
        }
    }

    /// The rule the benchmark evaluates.
    public static let rule = #"p.budget > 1000000.0 && p.stage != "closed" && size(p.risks.filter(r, r.score >= 12)) >= 0"#

    /// Compiles `rule` once and evaluates it `iterations` times over a project with five risks.
    ///
    /// `evalsPerSecond` is by the wall clock; `evalsPerCPUSecond` by this thread's CPU time, which
    /// stays meaningful on a machine busy with other work.
    public static func run(iterations: Int = 1_000_000) -> (evalsPerSecond: Double, seconds: Double, evalsPerCPUSecond: Double) {
        let risk = CELObjectType(name: "risk", fields: [("score", .int)])
        let project = CELObjectType(name: "project", fields: [
            ("budget", .double), ("stage", .string), ("risks", .list(.object(risk))),
        ])
        var env = CELEnvironment()
        env.declare("p", .object(project))
        guard let program = try? CELProgram.compile(rule, in: env), let slot = env.slot(of: "p") else {
            return (0, 0, 0)
        }
        let risks: [CELValue] = [3, 12, 15, 8, 20].map { .object(risk, Risk(score: $0)) }
        var activation = CELActivation(env: env)
        activation.set(slot: slot, .object(project, Project(budget: 2_500_000, stage: "delivery", risks: risks)))
        var trues = 0
        let cpuStart = threadCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(1, iterations) {
            if case .success(.bool(true)) = program.evaluate(activation) { trues += 1 }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = threadCPUSeconds() - cpuStart
        precondition(trues == max(1, iterations), "benchmark rule must hold")
        let n = Double(max(1, iterations))
        return (n / seconds, seconds, cpu > 0 ? n / cpu : 0)
    }

    private static func threadCPUSeconds() -> Double {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { return 0 }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
