using ConsensusSim.Samples.Thesis;

// Pass rates by topic as politico-military tension rises (the source paper's thesis), then the same question
// asked of the record: each topic's susceptibility κ fitted with its interval.
// The same draft and the same States; only the topic, and so its susceptibility κ, changes.
long trials = args.Length > 0 && long.TryParse(args[0], out long n) ? n : 20_000;
var rates = ThesisExperiment.PassRates(trials, seed: 1975);
Console.WriteLine($"P(adopted) by topic and tension ({trials:N0} trials per cell, seed 1975, the catalog's κ):");
Console.WriteLine();
Console.Write(ThesisExperiment.Markdown(rates));
Console.WriteLine();
Console.WriteLine("What the record says (samples/calibration/topics.json):");
Console.WriteLine();
Console.Write(SusceptibilityEvidence.Markdown(SusceptibilityEvidence.Fit()));
return 0;
