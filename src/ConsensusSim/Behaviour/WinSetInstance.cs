using ConsensusSim.Model;

namespace ConsensusSim.Behaviour;

/// <summary>
/// One Chair's problem, in the form both solvers read: the States the Chair needs, packed one after another, each with
/// the loss it can bear (its capacity cᵢ = Lᵢ(q) − rᵢ − <see cref="WinSetSolver.Margin"/>, so State i accepts p when
/// Lᵢ(p) ≤ cᵢ), and the Chair's own loss with its ties resolved toward the status quo. Arrays are sized once.
/// </summary>
internal sealed class WinSetInstance
{
    /// <summary>Weight of a dimension the Chair does not care about, on which it then prefers the status quo.</summary>
    internal const double TieWeight = 1e-11;

    public WinSetInstance(int dimensions, int states)
    {
        Dimensions = dimensions;
        Ideal = new double[states * dimensions];
        Salience = new double[states * dimensions];
        Capacity = new double[states];
        StatusQuo = new double[dimensions];
        Target = new double[dimensions];
        Weight = new double[dimensions];
        Lean = new double[dimensions];
    }

    public int Dimensions { get; }

    public LossFunction Loss { get; private set; }

    /// <summary>The States the Chair needs.</summary>
    public int Count { get; private set; }

    /// <summary>Their ideal points, packed: index j·D + d.</summary>
    public double[] Ideal { get; }

    /// <summary>Their saliences, packed like <see cref="Ideal"/>.</summary>
    public double[] Salience { get; }

    /// <summary>The loss each can bear: it accepts p when Lⱼ(p) ≤ cⱼ.</summary>
    public double[] Capacity { get; }

    public double[] StatusQuo { get; }

    /// <summary>Where the Chair's loss is least on each dimension: its ideal point, or the status quo where it does not care.</summary>
    public double[] Target { get; }

    /// <summary>The Chair's weight on each dimension, at least <see cref="TieWeight"/>.</summary>
    public double[] Weight { get; }

    /// <summary>The sign of a − q on the dimensions the Chair cares about (0 elsewhere): the linear program's tie-break toward q.</summary>
    public double[] Lean { get; }

    /// <summary>The Chair's loss at the status quo.</summary>
    public double StatusQuoLoss { get; private set; }

    /// <summary>The Chair's largest loss anywhere in the box: no feasible point costs more, so a dual bound above it proves the win-set empty.</summary>
    public double WorstLoss { get; private set; }

    /// <summary>Every needed State accepts the status quo (its required gain is at most 0).</summary>
    public bool StatusQuoAcceptable { get; private set; }

    /// <summary>Some needed State's capacity is negative: it accepts no point at all, with the margin.</summary>
    public bool SomeoneAcceptsNothing { get; private set; }

    /// <summary>Packs the needed States and the Chair's loss; the arguments are checked by the caller.</summary>
    public void Load(
        ReadOnlySpan<double> statusQuo,
        ReadOnlySpan<double> chairIdeal,
        ReadOnlySpan<double> chairSalience,
        ReadOnlySpan<double> idealPoints,
        ReadOnlySpan<double> salience,
        ReadOnlySpan<double> required,
        ReadOnlySpan<bool> needed,
        LossFunction loss)
    {
        int d = Dimensions;
        Loss = loss;
        statusQuo[..d].CopyTo(StatusQuo);
        double atQ = 0, worst = 0;
        for (int k = 0; k < d; k++)
        {
            bool cares = chairSalience[k] > TieWeight;
            Weight[k] = cares ? chairSalience[k] : TieWeight;
            Target[k] = cares ? chairIdeal[k] : statusQuo[k];
            Lean[k] = cares ? Math.Sign(chairIdeal[k] - statusQuo[k]) : 0;
            atQ += Weight[k] * Of(statusQuo[k] - Target[k]);
            worst += Weight[k] * Math.Max(Of(Target[k]), Of(1 - Target[k]));
        }

        StatusQuoLoss = atQ;
        WorstLoss = worst;
        int m = 0;
        bool acceptable = true, nothing = false;
        for (int i = 0; i < required.Length; i++)
        {
            if (!needed[i])
            {
                continue;
            }

            var x = idealPoints.Slice(i * d, d);
            var s = salience.Slice(i * d, d);
            x.CopyTo(Ideal.AsSpan(m * d, d));
            s.CopyTo(Salience.AsSpan(m * d, d));
            double capacity = LossOf(m, statusQuo) - required[i] - WinSetSolver.Margin;
            Capacity[m++] = capacity;
            acceptable &= required[i] <= 0;
            nothing |= capacity < 0;
        }

        Count = m;
        StatusQuoAcceptable = acceptable;
        SomeoneAcceptsNothing = nothing;
    }

    /// <summary>ℓ(δ): |δ| or δ².</summary>
    public double Of(double delta) => Loss == LossFunction.Linear ? Math.Abs(delta) : delta * delta;

    /// <summary>Needed State j's loss at p.</summary>
    public double LossOf(int j, ReadOnlySpan<double> p)
    {
        int d = Dimensions;
        double sum = 0;
        for (int k = 0; k < d; k++)
        {
            sum += Salience[(j * d) + k] * Of(p[k] - Ideal[(j * d) + k]);
        }

        return sum;
    }

    /// <summary>The Chair's loss at p, ties included.</summary>
    public double ChairLoss(ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (int k = 0; k < Dimensions; k++)
        {
            sum += Weight[k] * Of(p[k] - Target[k]);
        }

        return sum;
    }

    /// <summary>The needed State whose loss at p most exceeds its capacity, and by how much (negative when all accept p with room).</summary>
    public int MostViolated(ReadOnlySpan<double> p, out double excess)
    {
        int worst = -1;
        excess = double.NegativeInfinity;
        for (int j = 0; j < Count; j++)
        {
            double e = LossOf(j, p) - Capacity[j];
            if (e > excess)
            {
                excess = e;
                worst = j;
            }
        }

        return worst;
    }
}
