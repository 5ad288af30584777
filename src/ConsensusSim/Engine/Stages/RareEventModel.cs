using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>One importance-sampled vote: whether the target happened, its log-likelihood ratio and its objector count.</summary>
internal readonly record struct RareSample(bool Hit, double LogRatio, int Objectors);

/// <summary>
/// The vote of a rare-event run, fixed for the run: which States can change the outcome, the thresholds they object
/// below, and how the blocs' shocks move them. A vote is drawn in two layers, each with an exact density: the shocks of
/// the blocs that share noise (normal, mean-shifted), then, given the shocks, each State's objection (a Bernoulli with the
/// State's conditional chance, exponentially tilted). The nominal model is the shift 0 and the tilt 0; the likelihood
/// ratio of any other choice is known in closed form, so weighting by it estimates the nominal probability exactly in
/// expectation, whatever the tilt.
/// </summary>
internal sealed class RareEventModel
{
    private readonly CompiledScenario _c;
    private readonly int[] _relevant;
    private readonly double[] _threshold;
    private readonly double[] _inverseOwn;
    private readonly int[] _slot;
    private readonly double[] _shockScale;
    private readonly double[] _nominal;
    private readonly double[] _nominalComplement;

    /// <summary>Reads the run's thresholds from a workspace prepared for a trial (static gains and thresholds).</summary>
    public RareEventModel(KernelPlan plan, TrialWorkspace workspace, bool targetAdopted)
    {
        var c = plan.Scenario;
        _c = c;
        TargetAdopted = targetAdopted;

        // Under a consensus rule only counted objections decide; under a majority any State's objection may.
        bool consensus = KernelPlan.AgreesExactlyWhenUnopposed(c.RuleKind);
        _relevant = [.. Enumerable.Range(0, c.StateCount).Where(i => !consensus || c.Counted[i])];
        var correlated = plan.CorrelatedBlocs;
        _shockScale = [.. correlated.Select(b => Math.Sqrt(c.BlocCorrelation[b]))];
        int r = _relevant.Length;
        _threshold = new double[r];
        _inverseOwn = new double[r];
        _slot = new int[r];
        _nominal = new double[r];
        _nominalComplement = new double[r];
        bool latent = c.Model == BehaviourModel.Stance || plan.Copula;
        var thresholds = c.Model == BehaviourModel.Stance ? workspace.ObjectBelow : workspace.ObjectionThreshold;
        for (int j = 0; j < r; j++)
        {
            int i = _relevant[j];
            int slot = correlated.IndexOf(c.Bloc[i]);
            double rho = c.BlocCorrelation[c.Bloc[i]];
            _slot[j] = slot;
            _threshold[j] = latent ? thresholds[i] : double.NaN;
            _inverseOwn[j] = rho < 1 ? 1 / Math.Sqrt(1 - rho) : double.PositiveInfinity;
            if (!latent)
            {
                // Independent objections at a meeting: the State's own chance, exactly as the vote draws it.
                double p = Math.Clamp(workspace.ObjectionProbability[i], 0, 1);
                (_nominal[j], _nominalComplement[j]) = (p, 1 - p);
            }
            else if (slot < 0)
            {
                (_nominal[j], _nominalComplement[j]) = Chance(_threshold[j]);
            }
        }
    }

    /// <summary>Whether the target is adoption (else deadlock: a tabled text not adopted).</summary>
    public bool TargetAdopted { get; }

    /// <summary>The blocs with shocks of their own, each shifted by the tilt.</summary>
    public int Shocks => _shockScale.Length;

    /// <summary>The States whose objection can change the outcome.</summary>
    public int Relevant => _relevant.Length;

    /// <summary>Relevant State j's chance of objecting when no shock moves it; NaN for States in a bloc with a shock.</summary>
    public double StaticChance(int j) => _slot[j] < 0 ? _nominal[j] : double.NaN;

    /// <summary>Relevant State j's chance of not objecting when no shock moves it.</summary>
    public double StaticComplement(int j) => _nominalComplement[j];

    /// <summary>Whether some relevant State is moved by a shock: then each vote solves its own tilt.</summary>
    public bool AnyShocked => _slot.Any(s => s >= 0);

    /// <summary>Whether relevant State j is moved by a shock (its chance is computed per vote).</summary>
    public bool Shocked(int j) => _slot[j] >= 0;

    /// <summary>
    /// Draws one vote under <paramref name="tilt"/> from <paramref name="random"/>: the shocks into
    /// <paramref name="shocks"/>, each relevant State's nominal chance of objecting given them and its complement into
    /// <paramref name="chance"/> and <paramref name="complement"/>, the objectors into <paramref name="objectors"/>.
    /// </summary>
    public RareSample Draw(ref TrialRandom random, RareEventTilt tilt, Span<double> shocks, Span<double> chance, Span<double> complement, int[] objectors)
    {
        // Shocks: N(μ, 1) against N(0, 1), ratio e^(μ²/2 − μz); by the quantile, so the tails are the normal's own.
        double logRatio = 0;
        for (int b = 0; b < shocks.Length; b++)
        {
            double mu = tilt.Shift[b];
            double u = ((random.NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));
            double z = mu + StandardNormal.Quantile(u);
            shocks[b] = z;
            logRatio += mu * ((0.5 * mu) - z);
        }

        for (int j = 0; j < _relevant.Length; j++)
        {
            (chance[j], complement[j]) = _slot[j] < 0
                ? (_nominal[j], _nominalComplement[j])
                : Chance((_threshold[j] - (_shockScale[_slot[j]] * shocks[_slot[j]])) * _inverseOwn[j]);
        }

        double t = tilt.Exponent, factor = tilt.Factor;
        if (tilt.PerVote)
        {
            t = RareEventTilt.Solve(tilt.TargetCount, chance, complement);
            factor = DeterministicMath.Exp(t);
            double lessOne = RareEventTilt.FactorLessOne(t, factor);
            for (int j = 0; j < _relevant.Length; j++)
            {
                double p = chance[j];
                logRatio += p == 0 ? 0 : RareEventTilt.LogNormaliser(p, complement[j], factor, lessOne);
            }
        }
        else
        {
            logRatio += tilt.StaticLogRatio;
        }

        int k = 0, counted = 0;
        long weight = 0;
        for (int j = 0; j < _relevant.Length; j++)
        {
            double p = chance[j];
            double q = tilt.PerVote ? (p == 0 ? 0 : p * factor / (complement[j] + (p * factor))) : tilt.StaticChance[j];
            if (q > 0 && random.NextDouble() < q)
            {
                int i = _relevant[j];
                objectors[k++] = i;
                counted += _c.Counted[i] ? 1 : 0;
                weight += _c.Weights[i];
            }
        }

        logRatio -= t * k;
        bool adopted = VoteStage.Agreed(_c, new VoteTally(k, counted, weight, 0, 0), objectors);
        return new RareSample(adopted == TargetAdopted, logRatio, k);
    }

    /// <summary>Φ(x) and 1 − Φ(x), each with relative precision in its own tail: the weights of products of both need it.</summary>
    private static (double Chance, double Complement) Chance(double x) =>
        double.IsNaN(x) ? (0, 1) : (StandardNormal.PreciseCdf(x), StandardNormal.PreciseCdf(-x));
}
