using System.Globalization;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using Spectre.Console;

namespace ConsensusSim.Cli;

/// <summary>The run's results as Spectre.Console tables, for an interactive terminal.</summary>
internal static class ResultTable
{
    public static bool IsInteractive(TextWriter stdout) =>
        ReferenceEquals(PrintableWriter.Unwrap(stdout), Console.Out) && !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Write(Scenario scenario, SimulationResult r, TimeSpan elapsed, int topBlockers = 8)
    {
        var ci = CultureInfo.InvariantCulture;
        var console = AnsiConsole.Console;
        console.Write(new Rule($"[bold]{Markup.Escape(PrintableWriter.Clean(scenario.Name))}[/]").LeftJustified());
        console.MarkupLine(Markup.Escape(PrintableWriter.Clean(string.Create(ci,
            $"{scenario.DescribeParticipants()} · {string.Join(" + ", scenario.Proposals.Select(p => p.Topic))} · rule {scenario.Rule} · {r.Trials:N0} trials, seed {r.Provenance.Seed}, {elapsed.TotalSeconds:0.00} s"))));

        var outcomes = new Table().Border(TableBorder.Rounded).AddColumns("outcome", "probability", "95 % interval", "SE", "trials");
        foreach (var (name, e) in ResultCsv.NamedOutcomes(r))
        {
            outcomes.AddRow(
                Markup.Escape(name.Replace('_', ' ')),
                ProbabilityText.Format(e.Probability),
                Markup.Escape(ProbabilityText.Interval(e.Ci95Lower, e.Ci95Upper)),
                ProbabilityText.StandardError(e.StandardError),
                e.Count.ToString("N0", ci));
        }

        if (r.ConditionalAdopted is { } c)
        {
            outcomes.AddRow(
                Markup.Escape(string.Create(ci, $"adopted (conditional Monte Carlo, {c.DescribeVarianceReduction()})")),
                c.Probability.ToString("0.00000", ci),
                Markup.Escape(string.Create(ci, $"[{c.Ci95Lower:0.00000}, {c.Ci95Upper:0.00000}]")),
                c.StandardError.ToString("0.000000", ci),
                c.Trials.ToString("N0", ci));
        }

        console.Write(outcomes);
        if (!r.OutcomesCounted)
        {
            console.MarkupLine("Other outcomes, rounds, objectors and blockers: not counted (--conditional-only draws no vote).");
            return;
        }

        console.MarkupLine(Markup.Escape(string.Create(ci,
            $"If not adopted: {ResultText.Reversion(scenario.Proposal.Kind)}. Mean rounds to adoption {ResultText.Show(r.MeanRoundsToAdoption)}; mean interpretative statements when adopted {ResultText.Show(r.MeanStatementsWhenAdopted)}.")));
        var blockers = r.Blockers.Where(b => b.BlockedTrials > 0).Take(topBlockers).ToList();
        if (blockers.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Who blocked").AddColumns("State", "blocked", "alone");
            foreach (var b in blockers)
            {
                table.AddRow(Markup.Escape(PrintableWriter.Clean($"{b.Name} ({b.State})")), b.Frequency.ToString("0.0000", ci), b.SoleBlockerFrequency.ToString("0.0000", ci));
            }

            console.Write(table);
        }
    }
}
