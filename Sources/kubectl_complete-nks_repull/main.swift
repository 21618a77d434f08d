import NKSCompletion
import NKSRepull

await CompletionMain.run(RepullCommand.self, catalog: .repull)
