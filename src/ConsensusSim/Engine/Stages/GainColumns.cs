using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Every State's gain from a draft, a vector of States at a time, from the ideal points and saliences laid out
/// dimension-major (index k·<see cref="Stride"/> + i): the saliences copied once, the ideal points written here by the
/// <see cref="ParameterStage"/> as it sets or draws them, so no computation waits for a transposition. A lane computes exactly what <see cref="AgendaSetter.Gain"/> computes, in the same order, so the bits do
/// not depend on the vector width or on which of the two computed a gain.
/// </summary>
internal sealed class GainColumns
{
    private readonly int _n;
    private readonly int _d;
    private readonly int _stride;
    private readonly bool _linear;
    private readonly double[] _x;
    private readonly double[] _s;
    private readonly double[] _gains;

    public GainColumns(CompiledScenario c)
    {
        // Whole vectors of the win-set solver's widest scan too, so that it reads the ideal points here, in place.
        int lanes = Math.Max(Vector<double>.Count, WinSetWideScan.Lanes);
        _n = c.StateCount;
        _d = c.DimensionCount;
        _stride = (_n + lanes - 1) / lanes * lanes;
        _linear = c.Loss == LossFunction.Linear;
        _x = new double[_d * _stride];
        _s = new double[_d * _stride];
        _gains = new double[_stride];
        for (int i = 0; i < _n; i++)
        {
            for (int k = 0; k < _d; k++)
            {
                _s[(k * _stride) + i] = c.Salience[(i * _d) + k];
            }
        }
    }

    /// <summary>D, the dimensions.</summary>
    public int Dimensions => _d;

    /// <summary>The States' spacing between two dimensions of <see cref="Ideals"/>: their number, rounded up to whole vectors.</summary>
    public int Stride => _stride;

    /// <summary>The ideal points, dimension-major: State i's coordinate on dimension k at k·<see cref="Stride"/> + i.</summary>
    public double[] Ideals => _x;

    /// <summary>Sets coordinate <paramref name="index"/> = i·D + k of the State-major ideal points.</summary>
    public void SetIdeal(int index, double value) => _x[(index % _d * _stride) + (index / _d)] = value;

    /// <summary>Every State's gain from <paramref name="draft"/> over <paramref name="q"/> into <paramref name="output"/> (one per State).</summary>
    public void Compute(ReadOnlySpan<double> q, ReadOnlySpan<double> draft, Span<double> output)
    {
        int d = _d, stride = _stride;
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        ref double gains = ref MemoryMarshal.GetArrayDataReference(_gains);
        for (int k = 0; k < d; k++)
        {
            if (_linear)
            {
                AddLinear(ref Unsafe.Add(ref x, k * stride), ref Unsafe.Add(ref s, k * stride), ref gains, q[k], draft[k], stride, first: k == 0);
            }
            else
            {
                AddQuadratic(ref Unsafe.Add(ref x, k * stride), ref Unsafe.Add(ref s, k * stride), ref gains, q[k], draft[k], stride, first: k == 0);
            }
        }

        VectorCopy.Copy(_gains, output[.._n]);
    }

    /// <summary>
    /// g += s·(|q − x| − |p − x|) for every State of one dimension; the <paramref name="first"/> adds to zeros, as the
    /// scalar sum starts from 0 (0 + term, not term, so that a −0 term sums to +0 as there).
    /// </summary>
    private static void AddLinear(ref double x, ref double s, ref double g, double q, double p, int stride, bool first)
    {
        var qv = new Vector<double>(q);
        var pv = new Vector<double>(p);
        for (int i = 0; i < stride; i += Vector<double>.Count)
        {
            var xi = Vector.LoadUnsafe(ref x, (nuint)i);
            var term = Vector.LoadUnsafe(ref s, (nuint)i) * (Vector.Abs(qv - xi) - Vector.Abs(pv - xi));
            Add(ref g, i, term, first);
        }
    }

    /// <summary>g += s·((q − x)² − (p − x)²) for every State of one dimension, the <paramref name="first"/> adding to zeros.</summary>
    private static void AddQuadratic(ref double x, ref double s, ref double g, double q, double p, int stride, bool first)
    {
        var qv = new Vector<double>(q);
        var pv = new Vector<double>(p);
        for (int i = 0; i < stride; i += Vector<double>.Count)
        {
            var xi = Vector.LoadUnsafe(ref x, (nuint)i);
            var fromQ = qv - xi;
            var fromP = pv - xi;
            var term = Vector.LoadUnsafe(ref s, (nuint)i) * ((fromQ * fromQ) - (fromP * fromP));
            Add(ref g, i, term, first);
        }
    }

    /// <summary>
    /// Adds a term to the sums at <paramref name="i"/>, or to zeros in the first dimension: the earlier sums are then not
    /// read, so no clearing pass runs before and no load waits on its stores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double g, int i, Vector<double> term, bool first) =>
        ((first ? Vector<double>.Zero : Vector.LoadUnsafe(ref g, (nuint)i)) + term).StoreUnsafe(ref g, (nuint)i);
}
