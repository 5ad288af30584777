using ConsensusSim.Samples.QuickStart;

Console.Write(QuickStart.Run(trials: 200_000));
