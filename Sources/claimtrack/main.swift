import ClaimtrackCLI

await ClaimtrackCommand.runMain()
