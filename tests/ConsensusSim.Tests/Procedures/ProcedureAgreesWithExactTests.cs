using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Procedures;

/// <summary>The full procedure with independent objections has a closed form: rounds, silence and escalation multiply.</summary>
public class ProcedureAgreesWithExactTests
{
    private const long Trials = 200_000;

    private static Scenario WithProcedure(double[] p, ProcedureOptions procedure)
    {
        var builder = Scenarios.FixedObjection(p).ToBuilder();
        builder.Procedure = procedure;
        return builder.Build();
    }

    [Theory]
    [InlineData(0.01, 1, false, false, 1.5, 0.0)]
    [InlineData(0.02, 3, false, false, 1.5, 0.0)]
    [InlineData(0.02, 2, true, false, 2.0, 0.0)]
    [InlineData(0.02, 2, true, true, 1.5, 0.001)]
    [InlineData(0.05, 2, false, true, 3.0, 0.0)]
    public void Adoption_matches_the_closed_form(double p, int rounds, bool silence, bool escalate, double deterrence, double amendment)
    {
        var probabilities = Scenarios.Uniform(57, p);
        var options = new ProcedureOptions
        {
            MaxRounds = rounds,
            UseSilence = silence,
            EscalateToMinisterialCouncil = escalate,
            SilenceDeterrence = deterrence,
            MinisterialDeterrence = deterrence,
            AmendmentProbability = amendment,
        };
        var result = MonteCarloRunner.Run(WithProcedure(probabilities, options).Compile(), new SimulationOptions { Trials = Trials, Seed = 11 });

        double meeting = IndependentObjections.ConsensusProbability(probabilities);
        double silenceHolds = silence ? Math.Pow((1 - (p / deterrence)) * (1 - amendment), 57) : 1;
        double perRound = meeting * silenceHolds;
        double failAllRounds = Math.Pow(1 - perRound, rounds);
        double ministerial = escalate ? Math.Pow(1 - (p / deterrence), 57) : 0;
        double exact = 1 - (failAllRounds * (1 - ministerial));

        AssertWithin(result.Adopted, exact);
        AssertWithin(result.Escalated, escalate ? failAllRounds : 0);
        AssertWithin(result.AdoptedAtMinisterialCouncil, failAllRounds * ministerial);
        AssertWithin(result.AdoptedBySilence, silence ? 1 - failAllRounds : 0);
    }

    [Fact]
    public void A_trial_through_the_full_procedure_allocates_nothing()
    {
        var compiled = WithProcedure(Scenarios.Uniform(57, 0.03), new ProcedureOptions { MaxRounds = 4, UseSilence = true, EscalateToMinisterialCouncil = true, AmendmentProbability = 0.01 }).Compile();
        var kernel = new TrialKernel(compiled);
        var acc = new TrialAccumulator(compiled.StateCount, 4);
        kernel.RunChunk(1, 0, 1_000, acc);

        SteadyAllocation.AssertNone(batch => kernel.RunChunk(1, 1_000 + (batch * 20_000L), 20_000, acc));
        Assert.True(acc.Escalated > 0 && acc.AdoptedBySilence > 0);
    }

    private static void AssertWithin(OutcomeEstimate estimate, double exact)
    {
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.True(Math.Abs(estimate.Probability - exact) <= (4 * se) + 1e-12, $"simulated {estimate.Probability}, exact {exact}, 4 SE = {4 * se}");
    }
}
