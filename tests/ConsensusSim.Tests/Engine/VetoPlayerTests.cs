using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Veto-player theory end to end: an agenda-setting Chair, one of N States, proposes its favourite point in the win-set of
/// an uncertain status quo, and the vote and the recorded outcome must agree with the closed form.
/// </summary>
public class VetoPlayerTests
{
    /// <summary>
    /// One dimension, N ideal points and the status quo uniform on [0, 1], no noise, costs or linkage, the Chair the first
    /// State. Policy can change exactly when the status quo lies outside [min xᵢ, max xᵢ] (inside it, any move hurts the
    /// States on one side); of N + 1 exchangeable uniform draws the status quo is the smallest or the largest with
    /// probability 2/(N+1). N = 2: 0.6667; N = 10: 0.1818; N = 57: 0.0345. With 100,000 trials one standard error is
    /// 0.0015, 0.0012 and 0.00058; the simulated share must lie within 4 of them.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(57)]
    public void With_a_uniform_status_quo_policy_changes_with_probability_two_over_N_plus_one(int n)
    {
        const long Trials = 100_000;
        var states = OsceCatalog.Default.States.Take(n).Select(s => s.Code).ToArray();
        var scenario = new ScenarioBuilder
        {
            Name = "one-dimensional veto players",
            States = states,
            Dimensions = ["x"],
            Defaults = new StateProfile { IdealPoint = [Parameter.Uniform(0, 1)], Salience = [1], BlockingCost = 0, Noise = 0, Linkage = 0 },
            Proposal = new Proposal { Topic = "migration", StatusQuo = [Parameter.Uniform(0, 1)], Draft = null },
            Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, State = states[0] },
            Behaviour = new BehaviourOptions { Tension = 0, BlocCorrelation = 0 },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        }.Build();

        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 2002 });

        double exact = 2.0 / (n + 1);
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.True(Math.Abs(result.PolicyChange.Probability - exact) <= 4 * se, $"N = {n}: P(policy change) {result.PolicyChange.Probability}, exact {exact}, SE {se}");

        // Without noise every text the Chair tables is one every State accepts: nothing is tabled and then blocked.
        Assert.Equal(0, result.Deadlocked.Count);
        Assert.Equal(result.Adopted.Count, result.PolicyChange.Count);
        Assert.Equal(Trials, result.Adopted.Count + result.Gridlock.Count);
    }
}
