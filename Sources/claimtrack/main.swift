import ClaimtrackCLI

await ClaimtrackCommand.main()
