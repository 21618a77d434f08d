import NKSSync

await SyncCommand.main()
