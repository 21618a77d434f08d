import NKSWhyNoLogs

await WhyNoLogsCommand.runFromCommandLine()
