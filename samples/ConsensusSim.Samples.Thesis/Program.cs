using ConsensusSim.Samples.Thesis;

// Pass rates by topic as politico-military tension rises (the source paper's thesis).
// The same draft and the same States; only the topic, and so its susceptibility κ, changes.
long trials = args.Length > 0 && long.TryParse(args[0], out long n) ? n : 20_000;
var rates = ThesisExperiment.PassRates(trials, seed: 1975);
Console.WriteLine($"P(adopted) by topic and tension ({trials:N0} trials per cell, seed 1975):");
Console.WriteLine();
Console.Write(ThesisExperiment.Markdown(rates));
return 0;
