using System.Text;
using ConsensusSim.Calibration;
using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Calibration;

/// <summary>
/// Cheap specs built in code: a few States that each object independently with one probability, their noise shared in
/// blocs (so conditional Monte Carlo applies and P(adopted) moves smoothly with the probability), one vote.
/// </summary>
internal static class CalibrationFixtures
{
    /// <summary>AUT and BEL share the EU bloc; CHE is in another; each objects with the default probability.</summary>
    public static ScenarioTemplate Objections(params string[] states) => ScenarioTemplate.Parse(Encoding.UTF8.GetBytes($$"""
        {
          "name": "independent objections",
          "states": [{{string.Join(", ", (states.Length == 0 ? ["AUT", "BEL", "CHE"] : states).Select(s => $"\"{s}\""))}}],
          "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 },
          "defaults": { "objectionProbability": 0.1 },
          "proposal": { "title": "t", "statusQuo": [0, 0, 0], "draft": [1, 1, 1] },
          "procedure": { "maxRounds": 1 }
        }
        """), "objections.json");

    /// <summary>The objection probability, in [0, 0.6], for every cell or those a selector picks.</summary>
    public static CalibrationParameter Objection(CellSelector? appliesTo = null, NormalPrior? prior = null, string? name = null) =>
        new(new SweepRange("defaults.objectionProbability", 0, 0.6), name, prior, appliesTo);

    /// <summary>A spec over the cells with one template for the item kind <c>vote</c>; periods are labels only (no era is set).</summary>
    public static CalibrationSpec Spec(IEnumerable<ObservedCell> cells, IEnumerable<CalibrationParameter> parameters, ScenarioTemplate? template = null, long trials = 2_000, int starts = 2) =>
        new(cells, [new CalibrationTemplate(template ?? Objections(), "vote")], parameters)
        {
            PeriodPath = null,
            Trials = trials,
            Seed = 11,
            Starts = starts,
        };

    public static ObservedCell Cell(string period, int adopted, int attempts, string item = "vote", string? topic = null) => new(period, item, topic, adopted, attempts);
}
