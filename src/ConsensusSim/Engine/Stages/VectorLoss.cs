using System.Runtime.Intrinsics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// How a State's loss grows with its distance from a position, coordinate by coordinate, for the revisions that compute
/// gains in vectors (<see cref="ProfileRevision"/>, <see cref="ThresholdRows256"/>): a type argument, so that each loss
/// compiles to its own loop.
/// </summary>
internal interface IVectorLoss
{
    /// <summary>|v|, or v², four lanes wide.</summary>
    static abstract Vector256<double> Distance(Vector256<double> v);

    /// <summary>|v|, or v², eight lanes wide.</summary>
    static abstract Vector512<double> Distance(Vector512<double> v);
}

/// <summary>The linear loss: the distance itself.</summary>
internal readonly struct LinearLoss : IVectorLoss
{
    public static Vector256<double> Distance(Vector256<double> v) => Vector256.Abs(v);

    public static Vector512<double> Distance(Vector512<double> v) => Vector512.Abs(v);
}

/// <summary>The quadratic loss: the distance squared.</summary>
internal readonly struct QuadraticLoss : IVectorLoss
{
    public static Vector256<double> Distance(Vector256<double> v) => v * v;

    public static Vector512<double> Distance(Vector512<double> v) => v * v;
}
