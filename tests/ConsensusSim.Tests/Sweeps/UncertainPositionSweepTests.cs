using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Sweeps;

/// <summary>
/// Sweeps over scenarios with an uncertain status quo or draft: a path may vary a coordinate (a number, or a whole
/// distribution given as JSON) or one argument of a coordinate's distribution, and every design point keeps the same
/// draws of everything it does not vary (common random numbers), as sweeps do for State parameters.
/// </summary>
public sealed class UncertainPositionSweepTests
{
    /// <summary>
    /// Three States with ideal points uniform on [0, 1] on one dimension, a second dimension nobody weighs, a status quo
    /// uniform on [0, 0.3] and a draft at 0.5, no noise, cost or linkage: a State objects exactly when it prefers q.
    /// </summary>
    private const string Json = """
        {
          "name": "uncertain status quo",
          "states": ["AUT", "BEL", "RUS"],
          "dimensions": ["x", "unweighed"],
          "proposal": { "topic": "migration", "statusQuo": [{ "uniform": [0, 0.3] }, 0.1], "draft": [0.5, 0.5] },
          "defaults": { "idealPoint": [{ "uniform": [0, 1] }, 0.5], "salience": [1, 0], "blockingCost": 0, "noise": 0, "linkage": 0 },
          "behaviour": { "tension": 0, "blocCorrelation": 0 },
          "procedure": { "maxRounds": 1 },
          "simulation": { "trials": 5000, "seed": 9 }
        }
        """;

    private static readonly ScenarioTemplate Template = ScenarioTemplate.Parse(Encoding.UTF8.GetBytes(Json), "uncertain.json");

    private static List<long> Adopted(string path, params string[] values) =>
        [.. SweepRunner.Run(Template, SweepDesign.FullGrid([new SweepParameter(path, values)]), new SweepOptions { MaxDegreeOfParallelism = 2 })
            .Select(row => row.Result.Adopted.Count)];

    [Fact]
    public void Varying_a_coordinate_nobody_weighs_keeps_every_draw_and_so_every_result()
    {
        // Each point draws the same ideal points and status quo: were a draw shifted, the counts would scatter.
        var counts = Adopted("proposal.draft[1]", "0", "0.25", "0.5", "1");
        Assert.Single(counts.Distinct());
        Assert.InRange(counts[0], 500, 4500);
    }

    [Fact]
    public void Moving_a_fixed_draft_away_from_an_uncertain_status_quo_loses_adoptions_trial_by_trial()
    {
        // With q below p a State prefers p exactly when its ideal point lies above (p + q)/2: a higher draft keeps only
        // trials that a lower one already passed, so with common random numbers the counts can only fall.
        var counts = Adopted("proposal.draft[0]", "0.4", "0.42", "0.44", "0.46", "0.48", "0.5", "0.52", "0.54", "0.56", "0.58", "0.6");
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.True(counts[0] > counts[^1] + 500, string.Join(", ", counts));
    }

    [Fact]
    public void A_path_into_a_coordinates_distribution_varies_one_argument_and_keeps_the_coordinates_own_draw()
    {
        // q = 0.3·u becomes b·u with the same u in each trial: a higher upper bound raises every q, so counts only fall.
        var counts = Adopted("proposal.statusQuo[0].uniform[1]", "0.1", "0.2", "0.3", "0.4", "0.5");
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.True(counts[0] > counts[^1], string.Join(", ", counts));
    }

    [Fact]
    public void A_coordinate_may_be_varied_between_a_number_and_a_distribution()
    {
        var fixedAt = Template.Apply([new("proposal.statusQuo[0]", "0.15")]);
        var drawn = Template.Apply([new("proposal.statusQuo[0]", """{ "beta": [2, 5] }""")]);
        Assert.Equal(Parameter.Fixed(0.15), fixedAt.Proposal.StatusQuo[0]);
        Assert.Equal(Parameter.Beta(2, 5), drawn.Proposal.StatusQuo[0]);
    }

    [Theory]
    [InlineData("proposal.draft[0].uniform[1]", "0.6", "$.proposal.draft[0].uniform[1]", "Cannot set 'uniform' inside a value that is not an object (here 0.5)")]
    [InlineData("proposal.statusQuo[0].uniform[1]", "-0.1", "$.proposal.statusQuo[0].uniform", "the upper bound -0.1 must be greater than the lower bound 0")]
    [InlineData("proposal.statusQuo[0].uniform[0]", "-0.1", "$.proposal.statusQuo[0]", "A position must lie in [0, 1]; this one ranges over [-0.1, 0.3]")]
    public void A_point_that_cannot_be_set_or_is_invalid_is_refused_at_its_path_and_line(string path, string value, string at, string message)
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => Template.Apply([new(path, value)]));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(at, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(5, problem.Line);
    }
}
