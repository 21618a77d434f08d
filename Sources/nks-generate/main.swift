import NKSDistribution

GenerateCommand.main()
