import Foundation

extension CELEnvironment {
    /// Registers the opt-in date functions:
    ///
    /// - `date(s: string) -> timestamp`: `date("2026-11-30")` is that day at 00:00 UTC.
    /// - `days_between(a: timestamp, b: timestamp) -> int`: whole days from `a` to `b` (b - a),
    ///   counted on UTC calendar days, negative when `b` is earlier.
    /// - `period_end(p: string) -> timestamp`: for `"YYYY-MM"`, 00:00 UTC on the month's last day
    ///   (`period_end("2026-02")` is 2026-02-28).
    ///
    /// A malformed argument is a run-time error naming the bad text.
    public mutating func enableDateExtensions() {
        function("date", returns: .timestamp) { args in
            guard args.count == 1, case .string(let s) = args[0] else { return .failure(.noOverload("date")) }
            guard let d = DateExtensions.parseDay(s) else {
                return .failure(CELError("date: '\(s)' is not a date of the form YYYY-MM-DD"))
            }
            return .success(.timestamp(d))
        }
        function("days_between", returns: .int) { args in
            guard args.count == 2, case .timestamp(let a) = args[0], case .timestamp(let b) = args[1] else {
                return .failure(.noOverload("days_between"))
            }
            return .success(.int(TimeMath.floorDiv(b.seconds, 86400) - TimeMath.floorDiv(a.seconds, 86400)))
        }
        function("period_end", returns: .timestamp) { args in
            guard args.count == 1, case .string(let s) = args[0] else { return .failure(.noOverload("period_end")) }
            guard let t = DateExtensions.periodEnd(s) else {
                return .failure(CELError("period_end: '\(s)' is not a period of the form YYYY-MM"))
            }
            return .success(.timestamp(t))
        }
    }
}

enum DateExtensions {
    static func parseDay(_ s: String) -> CELTimestamp? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              y >= 1, m >= 1, m <= 12, d >= 1, d <= TimeMath.daysInMonth(y, m) else { return nil }
        return CELTimestamp(seconds: TimeMath.days(year: y, month: m, day: d) * 86400)
    }

    static func periodEnd(_ s: String) -> CELTimestamp? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), y >= 1, m >= 1, m <= 12 else { return nil }
        return CELTimestamp(seconds: TimeMath.days(year: y, month: m, day: TimeMath.daysInMonth(y, m)) * 86400)
    }
}
