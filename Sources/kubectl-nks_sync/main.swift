import NKSSync

await SyncCommand.runFromCommandLine()
