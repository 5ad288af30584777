using System.Globalization;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Samples.Thesis;

/// <summary>
/// The source paper's thesis as an experiment: as politico-military tension rises, do
/// cross-dimensional threats (terrorism, migration, trafficking) still pass while politico-military
/// items fail? The same draft is put on each topic; only the topic's susceptibility κ differs.
/// </summary>
public static class ThesisExperiment
{
    /// <summary>Topics compared: three cross-dimensional threats, then three politico-military and human-dimension topics.</summary>
    public static IReadOnlyList<string> Topics { get; } =
        ["counter-terrorism", "migration", "trafficking-in-human-beings", "border-management", "elections", "arms-control", "conflict-prevention"];

    /// <summary>Tension levels 0, 0.1, …, 1.</summary>
    public static IReadOnlyList<double> Tensions { get; } = [.. Enumerable.Range(0, 11).Select(k => k / 10.0)];

    /// <summary>P(adopted) for every topic and tension, from the default scenario with its era-like blocs.</summary>
    /// <param name="trials">Trials per cell.</param>
    /// <param name="seed">One seed for every cell, so differences come from the model, not the noise.</param>
    /// <returns>Rows by tension, columns by topic.</returns>
    public static double[,] PassRates(long trials, ulong seed)
    {
        var rates = new double[Tensions.Count, Topics.Count];
        for (int t = 0; t < Tensions.Count; t++)
        {
            for (int k = 0; k < Topics.Count; k++)
            {
                var builder = Scenario.Default.ToBuilder();
                builder.Proposal = new Proposal
                {
                    Title = builder.Proposal.Title,
                    Topic = Topics[k],
                    Body = builder.Proposal.Body,
                    Kind = builder.Proposal.Kind,
                    StatusQuo = builder.Proposal.StatusQuo,
                    Draft = builder.Proposal.Draft,
                };
                builder.Behaviour = new BehaviourOptions { Tension = Tensions[t], BlocCorrelation = builder.Behaviour.BlocCorrelation };
                var result = MonteCarloRunner.Run(builder.Build().Compile(), new SimulationOptions { Trials = trials, Seed = seed });
                rates[t, k] = result.Adopted.Probability;
            }
        }

        return rates;
    }

    /// <summary>The pass rates as a Markdown table.</summary>
    /// <param name="rates">From <see cref="PassRates"/>.</param>
    /// <returns>The table.</returns>
    public static string Markdown(double[,] rates)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| tension |");
        foreach (var topic in Topics)
        {
            sb.Append(' ').Append(topic).Append(" |");
        }

        sb.AppendLine().Append("|---:|").AppendLine(string.Concat(Enumerable.Repeat("---:|", Topics.Count)));
        for (int t = 0; t < Tensions.Count; t++)
        {
            sb.Append(string.Create(ci, $"| {Tensions[t]:0.0} |"));
            for (int k = 0; k < Topics.Count; k++)
            {
                sb.Append(string.Create(ci, $" {rates[t, k]:0.000} |"));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
