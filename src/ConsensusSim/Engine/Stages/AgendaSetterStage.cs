using ConsensusSim.Behaviour;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The agenda-setting Chair's proposal, made so that the vote agrees with it by construction. <see cref="AgendaSetter.ReachableShare"/>
/// finds the edge of the win-set by interpolation; the vote then recomputes each State's gain from the tabled text with its
/// own arithmetic, and rounding may put a State that is indifferent at the edge a hair on the side of objecting. So the
/// Chair checks its text with the vote's own computation — the same <see cref="AgendaSetter.Gain"/> on the same draft,
/// the same <see cref="ThresholdStage.ObjectionMargin"/> — for every State it counted on, and steps back toward the status
/// quo, by as few doubles as it must, until all of them accept.
/// </summary>
internal sealed class AgendaSetterStage
{
    private readonly CompiledScenario _c;
    private readonly int _n;
    private readonly int _d;
    private readonly double[] _ideal;
    private readonly double[] _blockingCost;
    private readonly double[] _itemHostage;
    private readonly double[] _itemGain;
    private readonly double[] _draft;
    private readonly double[] _statusQuo;
    private readonly double[] _required;

    public AgendaSetterStage(KernelPlan plan, TrialWorkspace workspace)
    {
        _c = plan.Scenario;
        _n = workspace.Shape.States;
        _d = workspace.Shape.Dimensions;
        _ideal = workspace.Ideal;
        _blockingCost = workspace.BlockingCost;
        _itemHostage = workspace.ItemHostage;
        _itemGain = workspace.ItemGain;
        _draft = workspace.Draft;
        _statusQuo = workspace.StatusQuo;
        _required = new double[_n];
    }

    /// <summary>
    /// Chooses the first item's draft and computes every State's gain from it (the item's hostage-taking is set); false
    /// when the Chair's best acceptable point is the status quo itself, so it tables nothing (gridlock).
    /// </summary>
    public bool Propose()
    {
        var q = _statusQuo.AsSpan(0, _d);
        ReadOnlySpan<double> chair = _c.ChairState >= 0 ? _ideal.AsSpan(_c.ChairState * _d, _d) : _c.ChairIdealPoint;
        for (int i = 0; i < _n; i++)
        {
            _required[i] = _itemHostage[i] - _blockingCost[i];
        }

        double t = AgendaSetter.ReachableShare(q, chair, _ideal, _c.Salience, _required, _c.Counted, _c.Loss);
        if (!TablesAcceptably(q, chair, t))
        {
            TablesAcceptably(q, chair, StepBack(q, chair, t));
        }

        return Moves(q);
    }

    /// <summary>Whether the draft differs from the status quo: share 0, a Chair at the status quo, or a share too small to move it leave nothing to table.</summary>
    private bool Moves(ReadOnlySpan<double> q)
    {
        for (int k = 0; k < _d; k++)
        {
            if (_draft[k] != q[k])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The largest share at or below <paramref name="t"/> (found among the doubles between 0 and t) that every State the
    /// Chair counts on accepts. The status quo itself (share 0) is accepted by each of them: its gain is exactly 0 and
    /// the Chair counts only on States with h − τ ≤ 0. Shares are nonnegative, so their bit patterns are ordered like
    /// the shares: the search gallops down from t by 1, 2, 4, … doubles (usually one or two are enough), then bisects,
    /// at most 63 steps each way.
    /// </summary>
    private double StepBack(ReadOnlySpan<double> q, ReadOnlySpan<double> chair, double t)
    {
        long rejected = BitConverter.DoubleToInt64Bits(t);
        long accepted = 0;
        for (long stride = 1; rejected > 0; stride *= 2)
        {
            long candidate = Math.Max(rejected - stride, 0);
            if (candidate == 0 || TablesAcceptably(q, chair, BitConverter.Int64BitsToDouble(candidate)))
            {
                accepted = candidate;
                break;
            }

            rejected = candidate;
        }

        while (rejected - accepted > 1)
        {
            long middle = accepted + ((rejected - accepted) / 2);
            if (TablesAcceptably(q, chair, BitConverter.Int64BitsToDouble(middle)))
            {
                accepted = middle;
            }
            else
            {
                rejected = middle;
            }
        }

        return BitConverter.Int64BitsToDouble(accepted);
    }

    /// <summary>
    /// Tables q + t·(a − q) as the draft and computes every State's gain from it as the vote will (into the first item's
    /// gains, which the vote copies); true if no State the Chair counts on would object at zero noise.
    /// </summary>
    private bool TablesAcceptably(ReadOnlySpan<double> q, ReadOnlySpan<double> chair, double t)
    {
        for (int k = 0; k < _d; k++)
        {
            _draft[k] = q[k] + (t * (chair[k] - q[k]));
        }

        StakeStage.ComputeGains(_c, q, _ideal, _itemGain, 0, _draft);
        for (int i = 0; i < _n; i++)
        {
            if (_c.Counted[i] && _required[i] <= 0 && ThresholdStage.ObjectionMargin(_itemHostage[i], _itemGain[i], _blockingCost[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
