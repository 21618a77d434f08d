import NKSRepull

await RepullCommand.main()
