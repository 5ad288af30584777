using ConsensusSim.Cli;

return ConsensusSimCli.Run(args, Console.Out, Console.Error);
