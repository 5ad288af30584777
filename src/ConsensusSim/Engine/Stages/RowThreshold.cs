using System.Runtime.Intrinsics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// A threshold from a margin and 1/σ for the revisions that compute one set of thresholds per row of equal States
/// (<see cref="ThresholdRows"/>, <see cref="ThresholdRows256"/>): a type argument, so that a body whose rows all have
/// noise skips the test for infinite 1/σ.
/// </summary>
internal interface IRowThreshold
{
    /// <summary>The threshold <see cref="RevisedThresholds.Threshold(Vector256{double}, Vector256{double})"/> computes, four lanes wide.</summary>
    static abstract Vector256<double> Of(Vector256<double> margin, Vector256<double> inverseNoise);

    /// <summary>The threshold <see cref="RevisedThresholds.Threshold(Vector512{double}, Vector512{double})"/> computes, eight lanes wide.</summary>
    static abstract Vector512<double> Of(Vector512<double> margin, Vector512<double> inverseNoise);
}

/// <summary>Every row has noise (1/σ finite), where the threshold is the product alone.</summary>
internal readonly struct NoisyRows : IRowThreshold
{
    public static Vector256<double> Of(Vector256<double> margin, Vector256<double> inverseNoise) => margin * inverseNoise;

    public static Vector512<double> Of(Vector512<double> margin, Vector512<double> inverseNoise) => margin * inverseNoise;
}

/// <summary>Some row may have no noise: ±∞ where 1/σ is not finite.</summary>
internal readonly struct AnyNoiseRows : IRowThreshold
{
    public static Vector256<double> Of(Vector256<double> margin, Vector256<double> inverseNoise) => RevisedThresholds.Threshold(margin, inverseNoise);

    public static Vector512<double> Of(Vector512<double> margin, Vector512<double> inverseNoise) => RevisedThresholds.Threshold(margin, inverseNoise);
}
