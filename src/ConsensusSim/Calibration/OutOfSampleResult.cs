namespace ConsensusSim.Calibration;

/// <summary>
/// A fit on some cells and the prediction of the others: the model's log and Brier scores on the held-out cells beside
/// the base-rate and previous-period baselines (<see cref="BaselineForecast"/>).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class OutOfSampleResult
{
    internal OutOfSampleResult(string heldOut, CalibrationResult fit, IReadOnlyList<CellPrediction> predictions)
    {
        HeldOut = heldOut;
        Fit = fit;
        Predictions = predictions;
        IReadOnlyList<ObservedCell> cells = [.. predictions.Select(p => p.Cell)];
        Model = PredictionScore.Of(cells, [.. predictions.Select(p => p.Model)]);
        BaseRate = PredictionScore.Of(cells, [.. predictions.Select(p => p.BaseRate)]);
        PreviousPeriod = PredictionScore.Of(cells, [.. predictions.Select(p => p.PreviousPeriod)]);
    }

    /// <summary>What was held out, in words (<c>period=crisis-2014</c>).</summary>
    public string HeldOut { get; }

    /// <summary>The fit on the other cells.</summary>
    public CalibrationResult Fit { get; }

    /// <summary>The held-out cells with the three predictions.</summary>
    public IReadOnlyList<CellPrediction> Predictions { get; }

    /// <summary>The model's scores.</summary>
    public PredictionScore Model { get; }

    /// <summary>The base-rate baseline's scores.</summary>
    public PredictionScore BaseRate { get; }

    /// <summary>The previous-period baseline's scores.</summary>
    public PredictionScore PreviousPeriod { get; }
}
