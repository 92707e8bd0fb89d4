import Foundation
import GovPackCore
import GovPackRender

extension MonthlyRun.Plan {
    /// The plan of a period's run as `govpack.yaml` describes it.
    public init(config: RunConfiguration, period: Period, version: String) {
        self.init(
            period: period, reference: config.reference, submissionsFolder: config.submissionsFolder(for: period),
            outputFolder: config.outputFolder(for: period), version: version)
        organisation = config.organisation
        baseFolder = config.folder
        teams = config.teams.map {
            MonthlyRun.ExpectedTeam(name: $0.name, folder: $0.path, dueDay: $0.due, projects: $0.projects)
        }
        submissionsDue = config.submissionsDue
        validation = config.validationOptions(for: period)
        packs = config.packs.contains("all") ? PackKind.allCases : config.packs.compactMap(PackKind.init(rawValue:))
        formats = config.formats.compactMap(MonthlyRun.PackFormat.init(rawValue:))
        if formats.isEmpty { formats = [.html] }
        templates = config.templates
        // The output may replace only its own earlier output: never the configuration, an input,
        // the waivers, the templates or the history database.
        protecting = [config.file, config.submissionsFolder(for: period), config.history] + config.reference
            + [config.waivers, config.templates].compactMap { $0 }
    }
}
