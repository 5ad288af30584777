namespace ConsensusSim.Calibration;

/// <summary>
/// Rolling-origin validation: for each period in order, a fit on every earlier period and the prediction of that
/// period, then the origin moves on. The pooled scores weigh every predicted attempt equally.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class RollingOriginResult
{
    internal RollingOriginResult(IReadOnlyList<RollingOriginStep> steps, IReadOnlyList<string> unpredicted)
    {
        Steps = steps;
        Unpredicted = unpredicted;
        var all = steps.SelectMany(s => s.Result.Predictions).ToList();
        IReadOnlyList<ObservedCell> cells = [.. all.Select(p => p.Cell)];
        Model = PredictionScore.Of(cells, [.. all.Select(p => p.Model)]);
        BaseRate = PredictionScore.Of(cells, [.. all.Select(p => p.BaseRate)]);
        PreviousPeriod = PredictionScore.Of(cells, [.. all.Select(p => p.PreviousPeriod)]);
    }

    /// <summary>One step per predicted period, in period order.</summary>
    public IReadOnlyList<RollingOriginStep> Steps { get; }

    /// <summary>Periods with fitted cells that were not predicted because no earlier period has any (the first).</summary>
    public IReadOnlyList<string> Unpredicted { get; }

    /// <summary>The model's scores over every predicted attempt.</summary>
    public PredictionScore Model { get; }

    /// <summary>The base-rate baseline's scores over every predicted attempt.</summary>
    public PredictionScore BaseRate { get; }

    /// <summary>The previous-period baseline's scores over every predicted attempt.</summary>
    public PredictionScore PreviousPeriod { get; }
}

/// <summary>One step of rolling-origin validation: the predicted period, the periods fitted, and the fit and scores.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class RollingOriginStep
{
    internal RollingOriginStep(string period, IReadOnlyList<string> trainingPeriods, OutOfSampleResult result)
    {
        Period = period;
        TrainingPeriods = trainingPeriods;
        Result = result;
    }

    /// <summary>The predicted period.</summary>
    public string Period { get; }

    /// <summary>The earlier periods the fit used.</summary>
    public IReadOnlyList<string> TrainingPeriods { get; }

    /// <summary>The fit and the predictions of the period's cells.</summary>
    public OutOfSampleResult Result { get; }
}
