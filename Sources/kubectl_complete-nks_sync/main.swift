import NKSCompletion
import NKSSync

await CompletionMain.run(SyncCommand.self, catalog: .sync)
