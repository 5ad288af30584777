namespace ConsensusSim.Behaviour;

/// <summary>The checks <see cref="WinSetSolver.Solve"/> makes of its arguments, each naming the parameter at fault.</summary>
internal static class WinSetArguments
{
    /// <summary>Exactly <paramref name="length"/> coordinates, each in the policy space [0, 1].</summary>
    public static void CheckPoint(ReadOnlySpan<double> values, int length, string name)
    {
        CheckLength(values, length, name);
        foreach (double v in values)
        {
            if (!(v >= 0 && v <= 1))
            {
                throw new ArgumentException($"Positions must lie in the policy space [0, 1]; got {v}.", name);
            }
        }
    }

    /// <summary>Exactly <paramref name="length"/> finite, nonnegative weights.</summary>
    public static void CheckWeights(ReadOnlySpan<double> values, int length, string name)
    {
        CheckLength(values, length, name);
        foreach (double v in values)
        {
            if (!(v >= 0) || !double.IsFinite(v))
            {
                throw new ArgumentException($"Weights must be finite and nonnegative; got {v}.", name);
            }
        }
    }

    /// <summary>Finite numbers.</summary>
    public static void CheckFinite(ReadOnlySpan<double> values, string name)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Must be finite; got {v}.", name);
            }
        }
    }

    private static void CheckLength(ReadOnlySpan<double> values, int length, string name)
    {
        if (values.Length != length)
        {
            throw new ArgumentException($"Needs {length} values (one per dimension, or per State and dimension); got {values.Length}.", name);
        }
    }
}
