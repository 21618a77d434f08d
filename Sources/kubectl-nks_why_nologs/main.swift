import NKSWhyNoLogs

await WhyNoLogsCommand.main()
