using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Under a rule that lets some States object (qualified or simple majority, approximate consensus, a mechanism, a custom
/// rule), whom the agenda-setting Chair wins over — a heuristic, since choosing the best coalition is combinatorial. The
/// Chair takes the States in order of how readily they accept its own ideal point (gain there minus the gain they
/// require, most first; ties by position), adds each one while some point that the coalition accepts is still better for
/// the Chair than the status quo, and stops as soon as the rule would adopt with every State outside the coalition
/// objecting: the Chair's best point for that coalition is its proposal. A State that already accepts the current
/// proposal (with the solver's margin) joins without a new solve. If the States run out first, nothing is tabled.
/// </summary>
internal sealed class ChairCoalition
{
    private readonly CompiledScenario _c;
    private readonly WinSetSolver _solver;
    private readonly double[] _ideal;
    private readonly double[] _chairSalience;
    private readonly double[] _readiness;
    private readonly int[] _order;
    private readonly int[] _outside;
    private readonly double[] _candidate;

    public ChairCoalition(CompiledScenario c, WinSetSolver solver, double[] ideal, double[] chairSalience)
    {
        _c = c;
        _solver = solver;
        _ideal = ideal;
        _chairSalience = chairSalience;
        _readiness = new double[c.StateCount];
        _order = new int[c.StateCount];
        _outside = new int[c.StateCount];
        _candidate = new double[c.DimensionCount];
    }

    /// <summary>Chooses the coalition into <paramref name="needed"/> and the Chair's best point for it into <paramref name="proposal"/>.</summary>
    public WinSetStatus Choose(ReadOnlySpan<double> q, ReadOnlySpan<double> chair, double[] required, Span<double> proposal, bool[] needed)
    {
        int d = _c.DimensionCount;
        Order(q, chair, required);
        Array.Clear(needed);
        chair.CopyTo(proposal);
        foreach (int i in _order)
        {
            needed[i] = true;
            if (Gain(q, proposal, i) - required[i] < WinSetSolver.Margin)
            {
                var status = _solver.SolveUnchecked(q, chair, _chairSalience, _ideal, _c.Salience, required, needed, _candidate);
                if (status != WinSetStatus.Tabled)
                {
                    needed[i] = false;
                    continue;
                }

                _candidate.AsSpan(0, d).CopyTo(proposal);
            }

            if (Adopts(needed))
            {
                return StrictlyBetter(q, chair, proposal) ? WinSetStatus.Tabled : WinSetStatus.StatusQuoBest;
            }
        }

        return WinSetStatus.StatusQuoBest;
    }

    /// <summary>States by readiness to accept the Chair's ideal point, most ready first, ties by position (insertion sort: the same order everywhere).</summary>
    private void Order(ReadOnlySpan<double> q, ReadOnlySpan<double> chair, double[] required)
    {
        int n = _c.StateCount;
        for (int i = 0; i < n; i++)
        {
            _readiness[i] = Gain(q, chair, i) - required[i];
            int k = i;
            while (k > 0 && _readiness[_order[k - 1]] < _readiness[i])
            {
                _order[k] = _order[k - 1];
                k--;
            }

            _order[k] = i;
        }
    }

    /// <summary>Whether the rule adopts when every State outside the coalition objects and none makes a statement.</summary>
    private bool Adopts(bool[] needed)
    {
        int objectors = 0, counted = 0;
        long weight = 0;
        for (int i = 0; i < needed.Length; i++)
        {
            if (!needed[i])
            {
                _outside[objectors++] = i;
                counted += _c.Counted[i] ? 1 : 0;
                weight += _c.Weights[i];
            }
        }

        return VoteStage.Agreed(_c, new VoteTally(objectors, counted, weight, 0, 0), _outside);
    }

    /// <summary>The Chair's own ideal point is only a proposal when it is not the status quo (the solver decides that for every other point).</summary>
    private bool StrictlyBetter(ReadOnlySpan<double> q, ReadOnlySpan<double> chair, ReadOnlySpan<double> proposal)
    {
        double atQ = 0, atP = 0;
        for (int k = 0; k < q.Length; k++)
        {
            atQ += _chairSalience[k] * Loss(q[k] - chair[k]);
            atP += _chairSalience[k] * Loss(proposal[k] - chair[k]);
        }

        return atP < atQ - WinSetSolver.Tolerance;
    }

    private double Loss(double delta) => _c.Loss == LossFunction.Linear ? Math.Abs(delta) : delta * delta;

    private double Gain(ReadOnlySpan<double> q, ReadOnlySpan<double> p, int i)
    {
        int d = _c.DimensionCount;
        return AgendaSetter.Gain(q, p, _ideal.AsSpan(i * d, d), _c.Salience.AsSpan(i * d, d), _c.Loss);
    }
}
