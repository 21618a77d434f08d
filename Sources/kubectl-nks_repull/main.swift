import NKSRepull

await RepullCommand.runFromCommandLine()
