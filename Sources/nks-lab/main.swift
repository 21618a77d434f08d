import NKSLab

await LabCommand.main()
