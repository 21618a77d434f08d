// nks-lab: the local simulated cluster's command; all logic lives in NKSLab.
import NKSLab

await LabCommand.runFromCommandLine()
