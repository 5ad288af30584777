using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// A change of measure for <see cref="RareEventModel"/>: the blocs' shocks shifted by <see cref="Shift"/>, and each
/// relevant State's objection tilted exponentially by t — chance p becomes q = p·eᵗ / (1 − p + p·eᵗ). Given the shocks,
/// the tilt's likelihood ratio for K objectors is Π(1 − p + p·eᵗ)·e^(−tK): one parameter moves the number of objectors
/// up (t &gt; 0, toward deadlock) or down (t &lt; 0, toward adoption) whichever States it takes, the exponential family the
/// cross-entropy method fits in closed form. The tilt is set by the expected number of objectors it gives,
/// <see cref="TargetCount"/>: where shocks move the States' chances by orders of magnitude one t cannot fit every vote,
/// so each vote solves its own t from its chances (the ratio stays exact: t is a function of the shocks, drawn first).
/// </summary>
internal sealed class RareEventTilt
{
    /// <summary>The tilt is kept within ±30: e^−30 ≈ 10⁻¹³ already makes an objection a near-impossibility.</summary>
    public const double Limit = 30;

    /// <summary>The most safeguarded Newton steps per solve: from a start within a few units, enough to land within 10⁻⁶ of the count.</summary>
    private const int NewtonSteps = 8;

    public RareEventTilt(RareEventModel model, double[] shift, double targetCount)
    {
        Shift = shift;
        TargetCount = Math.Clamp(targetCount, 0, model.Relevant);
        PerVote = model.AnyShocked;
        StaticChance = new double[model.Relevant];
        if (PerVote)
        {
            return;
        }

        var chance = new double[model.Relevant];
        var complement = new double[model.Relevant];
        for (int j = 0; j < model.Relevant; j++)
        {
            (chance[j], complement[j]) = (model.StaticChance(j), model.StaticComplement(j));
        }

        Exponent = Solve(TargetCount, chance, complement);
        Factor = DeterministicMath.Exp(Exponent);
        FactorMinusOne = FactorLessOne(Exponent, Factor);
        double log = 0;
        for (int j = 0; j < model.Relevant; j++)
        {
            double p = chance[j], c = complement[j];
            StaticChance[j] = p == 0 ? 0 : p * Factor / (c + (p * Factor));
            log += p == 0 ? 0 : LogNormaliser(p, c, Factor, FactorMinusOne);
        }

        StaticLogRatio = log;
    }

    /// <summary>Per correlated bloc: the mean of its shock.</summary>
    public double[] Shift { get; }

    /// <summary>The expected number of relevant objectors the tilt gives (given the shocks).</summary>
    public double TargetCount { get; }

    /// <summary>Each vote solves its own t (some relevant State is moved by a shock); otherwise t is fixed for the run.</summary>
    public bool PerVote { get; }

    /// <summary>The run's tilt t when it is fixed (0 otherwise).</summary>
    public double Exponent { get; }

    /// <summary>eᵗ when t is fixed.</summary>
    public double Factor { get; }

    /// <summary>eᵗ − 1 when t is fixed, to relative precision for t near 0.</summary>
    public double FactorMinusOne { get; }

    /// <summary>Per relevant State, when t is fixed: its tilted chance of objecting.</summary>
    public double[] StaticChance { get; }

    /// <summary>Σ ln(1 − p + p·eᵗ) over the relevant States when t is fixed: every vote's log-likelihood ratio but for −tK.</summary>
    public double StaticLogRatio { get; }

    /// <summary>The nominal measure: nothing shifted, and the tilt that keeps the nominal expected count (t = 0 where fixed).</summary>
    public static RareEventTilt Nominal(RareEventModel model) => new(model, new double[model.Shocks], double.NaN);

    /// <summary>eᵗ − 1 from t and eᵗ, by the library's expm1 on whichever side keeps it precise.</summary>
    public static double FactorLessOne(double t, double factor) => t <= 0 ? DeterministicMath.ExpM1(t) : -factor * DeterministicMath.ExpM1(-t);

    /// <summary>
    /// ln(1 − p + p·eᵗ) from p and its complement c = 1 − p, each known to relative precision: ln(1 + p(eᵗ − 1)) when p
    /// is small, ln(c + p·eᵗ) otherwise, so neither a tiny p nor a tiny c is lost.
    /// </summary>
    public static double LogNormaliser(double p, double c, double factor, double factorMinusOne) =>
        p > 0.5 ? DeterministicMath.Log(c + (p * factor)) : DeterministicMath.Log1P(p * factorMinusOne);

    /// <summary>
    /// The t whose expected count Σ p·eᵗ/(c + p·eᵗ) is <paramref name="target"/> (NaN: t = 0), by safeguarded Newton steps
    /// from ln(target / Σp) within [−30, 30]; the count increases with t, so the bracket always holds the root. At most
    /// eight steps, stopping early at the root: the same chances give the same t everywhere, and the estimate's exactness
    /// needs no convergence (the weights are the tilt's own).
    /// </summary>
    public static double Solve(double target, ReadOnlySpan<double> chance, ReadOnlySpan<double> complement)
    {
        if (double.IsNaN(target))
        {
            return 0;
        }

        double sum = 0;
        foreach (double p in chance)
        {
            sum += p;
        }

        if (target <= 0 || sum == 0)
        {
            return -Limit;
        }

        double low = -Limit, high = Limit;
        double t = Math.Clamp(DeterministicMath.Log(target / sum), low, high);
        for (int step = 0; step < NewtonSteps; step++)
        {
            double factor = DeterministicMath.Exp(t), count = 0, slope = 0;
            for (int j = 0; j < chance.Length; j++)
            {
                double p = chance[j];
                double q = p == 0 ? 0 : p * factor / (complement[j] + (p * factor));
                count += q;
                slope += q * (1 - q);
            }

            if (count < target)
            {
                low = t;
            }
            else
            {
                high = t;
            }

            double next = slope > 0 ? t - ((count - target) / slope) : double.NaN;
            if (next == t)
            {
                // The root to the last bit (the count equals the target, or the step rounds away): t is also the bracket's
                // new end, so the test below would reject it and bisect to the bracket's midpoint, away from the root.
                return t;
            }

            t = next > low && next < high ? next : 0.5 * (low + high);
        }

        return t;
    }
}
