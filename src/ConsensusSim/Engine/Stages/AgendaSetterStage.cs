using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The agenda-setting Chair's proposal: its best point in the whole win-set of the status quo (<see cref="WinSetSolver"/>),
/// among the States whose acceptance the rule requires — under the consensus rules every State whose objection counts,
/// under unanimity every State, under the other rules the coalition <see cref="ChairCoalition"/> chooses. The solver leaves
/// each of them a margin, so the vote agrees by construction; the Chair still checks its text with the vote's own
/// arithmetic (<see cref="GainColumns.Compute"/>, <see cref="ThresholdStage.ObjectionMargin"/>) and, should rounding
/// tip a State, steps back toward the status quo by as few doubles as it must — which every such State accepts when none
/// requires a positive gain — or else tables nothing.
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
    private readonly double[] _proposal;
    private readonly double[] _chairSalience;
    private readonly bool[] _needed;
    private readonly long[] _neededMask;
    private readonly GainColumns _columns;
    private readonly WinSetSolver _solver;
    private readonly ChairCoalition? _coalition;
    private readonly AgendaProposal? _once;

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
        _columns = workspace.GainColumns;
        _required = new double[_n];
        _proposal = new double[_d];
        _chairSalience = ChairSalience(_c);
        _needed = _c.RuleKind switch
        {
            DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo => [.. _c.Counted],
            _ => [.. Enumerable.Repeat(true, _n)],
        };
        _neededMask = new long[_n];
        StateVectors.Mask(_needed, _neededMask);
        _once = plan.ProposedOnce;
        _solver = new WinSetSolver(_d, _n, _c.Loss) { StepLimit = plan.Switches.WinSetStepLimit, UseBallProjection = plan.Switches.WinSetBallProjection };
        _coalition = NeedsCoalition(_c.RuleKind) ? new ChairCoalition(_c, _solver, _ideal, _chairSalience) : null;
        if (_coalition is null)
        {
            // Who is needed, and every salience, stay the same for the whole run.
            _solver.Prepare(_chairSalience, _c.Salience, _needed);
        }
    }

    /// <summary>Whether the last proposal (or gridlock) this stage solved for rests on a solve that could not prove its answer; false for a proposal made once per run.</summary>
    public bool Unproven { get; private set; }

    /// <summary>
    /// Tables the first item's draft and computes every State's gain from it (the item's hostage-taking is set); true if a
    /// text is tabled, false for gridlock — then the draft is the status quo itself.
    /// </summary>
    public bool Propose()
    {
        var q = _statusQuo.AsSpan(0, _d);
        if (_once is { } once)
        {
            // Made once for the run by the planner (which counts it if unproven): table it and compute the gains from it.
            once.Draft.AsSpan().CopyTo(_proposal);
            TablesAcceptably(q, once.Tabled ? 1 : 0);
            return once.Tabled;
        }

        ReadOnlySpan<double> chair = _c.ChairIdealPoint.Length > 0 ? _c.ChairIdealPoint : _ideal.AsSpan(_c.ChairState * _d, _d);
        StateVectors.Subtract(_itemHostage, _blockingCost, _required);

        long unproven = _solver.UnprovenSolves;
        WinSetStatus status;
        if (_coalition is { } coalition)
        {
            status = coalition.Choose(q, chair, _required, _proposal, _needed);
            StateVectors.Mask(_needed, _neededMask);
        }
        else
        {
            // The solver reads the ideal points dimension-major, as the gain computation holds them: in place.
            status = _solver.SolvePreparedOnColumns(q, chair, _columns.Ideals, _columns.Stride, _required, _proposal);
        }

        Unproven = _solver.UnprovenSolves != unproven;
        if (status == WinSetStatus.Tabled && TablesSafely(q))
        {
            return true;
        }

        TablesAcceptably(q, 0);
        return false;
    }

    /// <summary>The rules under which some States may object and the text still pass: the Chair chooses whom to win over.</summary>
    private static bool NeedsCoalition(DecisionRuleKind rule) =>
        rule is not (DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo or DecisionRuleKind.UnanimityWithAbstention);

    /// <summary>The chairing State's saliences, or equal weights for a Chair that is no State.</summary>
    private static double[] ChairSalience(CompiledScenario c)
    {
        int d = c.DimensionCount;
        return c.ChairState >= 0 ? c.Salience.AsSpan(c.ChairState * d, d).ToArray() : [.. Enumerable.Repeat(1.0 / d, d)];
    }

    /// <summary>Tables the proposal if the vote agrees with the solver, or the furthest point toward it that the vote accepts; false if none but q.</summary>
    private bool TablesSafely(ReadOnlySpan<double> q)
    {
        if (TablesAcceptably(q, 1))
        {
            return true;
        }

        for (int i = 0; i < _n; i++)
        {
            if (_needed[i] && _required[i] > 0)
            {
                // The status quo is no fallback for such a State: nothing is tabled.
                return false;
            }
        }

        double t = StepBack(q, 1);
        return TablesAcceptably(q, t) && Moves(q);
    }

    /// <summary>Whether the draft differs from the status quo: a share too small to move it leaves nothing to table.</summary>
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
    /// Chair needs accepts on the segment from q to the proposal. The status quo itself (share 0) is accepted by each of
    /// them: its gain is exactly 0 and none requires a positive gain. Shares are nonnegative, so their bit patterns are
    /// ordered like the shares: the search gallops down from t by 1, 2, 4, … doubles, then bisects, at most 63 steps each way.
    /// </summary>
    private double StepBack(ReadOnlySpan<double> q, double t)
    {
        long rejected = BitConverter.DoubleToInt64Bits(t);
        long accepted = 0;
        for (long stride = 1; rejected > 0; stride *= 2)
        {
            long candidate = Math.Max(rejected - stride, 0);
            if (candidate == 0 || TablesAcceptably(q, BitConverter.Int64BitsToDouble(candidate)))
            {
                accepted = candidate;
                break;
            }

            rejected = candidate;
        }

        while (rejected - accepted > 1)
        {
            long middle = accepted + ((rejected - accepted) / 2);
            if (TablesAcceptably(q, BitConverter.Int64BitsToDouble(middle)))
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
    /// Tables q + t·(p − q) as the draft (exactly q at t = 0, exactly p at t = 1) and computes every State's gain from it as
    /// the vote will (into the first item's gains, which the vote copies); true if no State the Chair needs would object at
    /// zero noise.
    /// </summary>
    private bool TablesAcceptably(ReadOnlySpan<double> q, double t)
    {
        for (int k = 0; k < _d; k++)
        {
            _draft[k] = t == 1 ? _proposal[k] : q[k] + (t * (_proposal[k] - q[k]));
        }

        _columns.Compute(q, _draft, _itemGain.AsSpan(0, _n));
        return !StateVectors.AnyObjects(_itemHostage, _itemGain, _blockingCost, _neededMask);
    }
}
