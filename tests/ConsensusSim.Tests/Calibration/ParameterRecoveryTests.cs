using ConsensusSim.Calibration;
using ConsensusSim.Numerics;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;
using static ConsensusSim.Tests.Calibration.CalibrationFixtures;

namespace ConsensusSim.Tests.Calibration;

/// <summary>
/// The calibration checked by simulation: records drawn from the model at a known parameter are calibrated, and the
/// 95 % profile-likelihood intervals must cover the truth about 95 % of the time; a parameter the model ignores must be
/// flagged as not identified.
/// </summary>
public class ParameterRecoveryTests
{
    private const double Truth = 0.15;
    private const int Replications = 200;

    [Fact]
    public void Intervals_from_records_simulated_at_a_known_value_cover_it_at_about_the_nominal_rate()
    {
        // The truth: P(adopted) at the known objection probability, from an independent long run.
        var three = Objections("AUT", "BEL", "CHE");
        double truth = MonteCarloRunner.Run(
            three.Apply([new("defaults.objectionProbability", "0.15")]).Compile(),
            new SimulationOptions { Trials = 400_000, Seed = 99, ConditionalMonteCarlo = true }).ConditionalAdopted!.Probability;

        // Replications run two at a time, each fit on one thread; each is the same whatever runs beside it.
        var fits = new ParameterEstimate[Replications];
        Parallel.For(0, Replications, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r =>
        {
            // Each replication's record: 40 attempts, each adopted with the true probability.
            var random = TrialRandom.ForTrial(2026, r);
            int adopted = 0;
            for (int i = 0; i < 40; i++)
            {
                adopted += random.NextDouble() < truth ? 1 : 0;
            }

            var spec = new CalibrationSpec([Cell("a", adopted, 40)], [new CalibrationTemplate(three, "vote")], [Objection()])
            {
                PeriodPath = null,
                Trials = 1_000,
                Seed = 11,
                Starts = 1,
            };
            fits[r] = Calibrator.Fit(spec, new CalibrationOptions { MaxDegreeOfParallelism = 1 }).Parameters.Single();
        });

        int covered = fits.Count(p => p.Lower <= Truth && Truth <= p.Upper);
        int onBound = fits.Count(p => p.Flags.HasFlag(Identifiability.OnBound));

        // Coverage of 200 replications has a binomial standard error of √(0.95·0.05/200) = 0.0154; three of them is
        // 0.046 either side of 0.95. The fits' own Monte Carlo error (1,000 conditional trials, a standard error near
        // 0.005 on P(adopted)) is small beside a 40-attempt record's (0.08), so the nominal rate is the target.
        double coverage = (double)covered / Replications;
        Assert.InRange(coverage, 0.95 - 0.046, 0.95 + 0.046);
        Assert.True(onBound < Replications / 20, $"{onBound} estimates on a bound");
    }

    [Fact]
    public void A_parameter_the_model_ignores_is_flagged_flat_beside_one_it_identifies()
    {
        // Tension acts only through the stance behaviour's hostage-taking; independent objections ignore it.
        var spec = Spec([Cell("a", 19, 30)], [Objection(), new CalibrationParameter(new SweepRange("behaviour.tension", 0, 1))]);
        var fit = Calibrator.Fit(spec);
        Assert.True(fit.Parameters[0].IsIdentified, fit.Parameters[0].Describe());
        Assert.True(fit.Parameters[1].Flags.HasFlag(Identifiability.Flat), fit.Parameters[1].FlagText());
        Assert.Equal("not identified: 0–1", fit.Parameters[1].Describe());
        Assert.Contains(fit.Parameters[1], fit.Flagged);
    }
}
