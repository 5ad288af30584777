using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Turns each State's gain, hostage-taking, cost and noise into thresholds on its latent normal z: it objects when
/// z &lt; (−τ·d − g + h)/σ and joins with a statement when z &lt; (h − g)/σ.
/// </summary>
internal sealed class ThresholdStage
{
    private readonly int _n;
    private readonly int _padded;
    private readonly int _venues;
    private readonly double[] _gain;
    private readonly double[] _hostage;
    private readonly double[] _blockingCost;
    private readonly double[] _inverseNoise;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private readonly CompiledScenario _c;

    public ThresholdStage(KernelPlan plan, TrialWorkspace workspace)
    {
        _c = plan.Scenario;
        _n = workspace.Shape.States;
        _padded = workspace.Shape.Padded;
        _venues = plan.Venues;
        _gain = workspace.Gain;
        _hostage = workspace.Hostage;
        _blockingCost = workspace.BlockingCost;
        _inverseNoise = workspace.InverseNoise;
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
    }

    /// <summary>
    /// How far a State's objection threshold in a meeting lies above 0: h − g − τ. At zero noise it objects exactly when
    /// this is positive; with noise, when its latent normal falls below this over σ. The vote's thresholds and the
    /// agenda-setter's check both call this, so they cannot differ in the last bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ObjectionMargin(double hostage, double gain, double blockingCost) => (hostage - gain) - blockingCost;

    /// <summary>How much a venue deters objecting: objection costs and chances are divided by it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Deterrence(CompiledScenario c, VoteVenue venue) => venue switch
    {
        VoteVenue.Silence => c.SilenceDeterrence,
        VoteVenue.MinisterialCouncil => c.MinisterialDeterrence,
        _ => 1.0,
    };

    /// <summary>
    /// Every State's thresholds, two vectors of States at a time (then one by one): a lane computes exactly what
    /// <see cref="Prepare"/> computes, and narrowing to float rounds as the cast does, so the bits are the same.
    /// </summary>
    public void PrepareAll()
    {
        int lanes = Vector<double>.Count, i = 0;
        ref double gain = ref MemoryMarshal.GetArrayDataReference(_gain);
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_hostage);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_blockingCost);
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverseNoise);
        ref float objectBelow = ref MemoryMarshal.GetArrayDataReference(_objectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        for (; i + (2 * lanes) <= _n; i += 2 * lanes)
        {
            nuint low = (nuint)i, high = (nuint)(i + lanes);
            var lowInverse = Vector.LoadUnsafe(ref inverse, low);
            var highInverse = Vector.LoadUnsafe(ref inverse, high);
            var lowMargin = Vector.LoadUnsafe(ref hostage, low) - Vector.LoadUnsafe(ref gain, low);
            var highMargin = Vector.LoadUnsafe(ref hostage, high) - Vector.LoadUnsafe(ref gain, high);
            var lowCost = Vector.LoadUnsafe(ref cost, low);
            var highCost = Vector.LoadUnsafe(ref cost, high);
            Vector.Narrow(Threshold(lowMargin, lowInverse), Threshold(highMargin, highInverse)).StoreUnsafe(ref statementBelow, low);
            Vector.Narrow(Threshold(lowMargin - lowCost, lowInverse), Threshold(highMargin - highCost, highInverse)).StoreUnsafe(ref objectBelow, low);
            for (int venue = 1; venue < _venues; venue++)
            {
                var deterrence = new Vector<double>(Deterrence(_c, (VoteVenue)venue));
                Vector.Narrow(Threshold(lowMargin - (lowCost * deterrence), lowInverse), Threshold(highMargin - (highCost * deterrence), highInverse))
                    .StoreUnsafe(ref objectBelow, (nuint)((venue * _padded) + i));
            }
        }

        for (; i < _n; i++)
        {
            Prepare(i);
        }
    }

    /// <summary>State <paramref name="i"/>'s thresholds, in the venues the procedure can reach (every revision round recomputes these).</summary>
    /// <remarks>Inlined, with what it calls: a trial that draws a State's parameter calls it for that State.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prepare(int i)
    {
        int venues = _venues;
        double margin = _hostage[i] - _gain[i];
        double inverse = _inverseNoise[i];
        _statementBelow[i] = (float)Threshold(margin, inverse);
        _objectBelow[i] = (float)Threshold(ObjectionMargin(_hostage[i], _gain[i], _blockingCost[i]), inverse);
        for (int venue = 1; venue < venues; venue++)
        {
            _objectBelow[(venue * _padded) + i] = (float)Threshold(margin - (_blockingCost[i] * Deterrence(_c, (VoteVenue)venue)), inverse);
        }
    }

    /// <summary>A vector of <see cref="Threshold(double, double)"/>.</summary>
    private static Vector<double> Threshold(Vector<double> margin, Vector<double> inverseNoise)
    {
        var infinity = new Vector<double>(double.PositiveInfinity);
        var certain = Vector.ConditionalSelect(Vector.GreaterThan(margin, Vector<double>.Zero), infinity, -infinity);
        return Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(inverseNoise), infinity), margin * inverseNoise, certain);
    }

    /// <summary>z &lt; margin/σ; with no noise (1/σ = ∞) the position is certain: always below (+∞) or never (−∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Threshold(double margin, double inverseNoise) =>
        double.IsFinite(inverseNoise) ? margin * inverseNoise : margin > 0 ? double.PositiveInfinity : double.NegativeInfinity;
}
