using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// A built scenario holds its own copies of the lists and dictionaries it was given: a change the caller makes to them
/// after <see cref="ScenarioBuilder.Build"/> — which <c>Build</c> would have refused — does not reach the scenario or its
/// results, and a cast back to a mutable type cannot change a shared scenario such as <c>Scenario.Default</c>.
/// </summary>
public class ScenarioImmutabilityTests
{
    private const long Trials = 4_000;

    private static SimulationResult Run(Scenario scenario) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 11 });

    [Fact]
    public void The_agenda_setters_ideal_point_changed_after_build_does_not_reach_the_vote()
    {
        var idealPoint = new[] { 0.5, 0.5, 0.5 };
        Scenario Build(double[] ip)
        {
            var b = Scenario.Default.ToBuilder();
            b.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = ip };
            return b.Build();
        }

        var scenario = Build(idealPoint);
        var untouched = Run(Build([0.5, 0.5, 0.5]));
        idealPoint[0] = double.NaN;

        Assert.Equal([0.5, 0.5, 0.5], scenario.Chair.IdealPoint!);
        var result = Run(scenario);
        Assert.Equal(untouched.Adopted.Count, result.Adopted.Count);
        Assert.InRange(result.Adopted.Probability, 0.01, 0.99);
    }

    [Fact]
    public void The_status_quo_and_draft_changed_after_build_do_not_reach_the_vote()
    {
        var statusQuo = new List<Parameter> { 0.0, 0.0, 0.0 };
        var draft = new List<Parameter> { 0.5, 0.5, 0.5 };
        var b = Scenario.Default.ToBuilder();
        b.Proposals = [new Proposal { StatusQuo = statusQuo, Draft = draft }];
        var scenario = b.Build();
        var untouched = Run(scenario);

        statusQuo[0] = 7.0;
        draft[0] = 50.0;
        draft[1] = null!;

        Assert.Equal(Parameter.Fixed(0.0), scenario.Proposal.StatusQuo[0]);
        Assert.Equal(Parameter.Fixed(0.5), scenario.Proposal.Draft![1]);
        Assert.Equal(untouched.Adopted.Count, Run(scenario).Adopted.Count);
    }

    [Fact]
    public void Profiles_and_bloc_correlations_changed_after_build_do_not_reach_the_scenario()
    {
        var salience = new[] { 0.5, 0.25, 0.25 };
        var idealPoint = new Parameter[] { 0.4, 0.5, 0.6 };
        var correlations = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["csto-bloc"] = 0.4 };
        var b = Scenario.Default.ToBuilder();
        b.Defaults = b.Defaults.OverriddenBy(new StateProfile { Salience = salience, IdealPoint = idealPoint });
        b.Behaviour = new BehaviourOptions { BlocCorrelation = 0.1, BlocCorrelations = correlations };
        var scenario = b.Build();
        var untouched = Run(scenario);

        salience[0] = -3;
        idealPoint[2] = 40.0;
        correlations["CSTO-BLOC"] = 2.0;
        correlations["eu-bloc"] = -1.0;

        Assert.Equal([0.5, 0.25, 0.25], scenario.Defaults.Salience!);
        Assert.Equal(Parameter.Fixed(0.6), scenario.Defaults.IdealPoint![2]);
        Assert.Equal(0.4, scenario.Behaviour.BlocCorrelations!["csto-bloc"]);
        Assert.Equal(0.4, scenario.Behaviour.BlocCorrelations["CSTO-BLOC"]); // the caller's comparer is kept
        Assert.False(scenario.Behaviour.BlocCorrelations.ContainsKey("eu-bloc"));
        Assert.Equal(untouched.Adopted.Count, Run(scenario).Adopted.Count);
    }

    [Fact]
    public void The_default_scenarios_lists_cannot_be_changed_through_a_cast()
    {
        var draft = Scenario.Default.Proposal.Draft!;
        var first = draft[0];
        Assert.IsNotType<List<Parameter>>(draft);
        Assert.Throws<NotSupportedException>(() => ((IList<Parameter>)draft)[0] = 42.0);
        Assert.Throws<NotSupportedException>(() => ((ICollection<Parameter>)Scenario.Default.Proposal.StatusQuo).Clear());
        Assert.Equal(first, Scenario.Default.Proposal.Draft![0]);
    }
}
