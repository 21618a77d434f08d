import NKSCompletion
import NKSWhyNoLogs

await CompletionMain.run(WhyNoLogsCommand.self, catalog: .whyNoLogs)
