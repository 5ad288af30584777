namespace ConsensusSim.Calibration;

/// <summary>What the record leaves open about a fitted parameter. A flagged parameter is reported by its interval, not as a point.</summary>
[Flags]
public enum Identifiability
{
    /// <summary>Identified: an interior estimate with a two-sided 95 % interval inside the bounds.</summary>
    None = 0,

    /// <summary>The estimate lies within 1 % of the range of a bound: the record pushes the parameter as far as the bounds allow.</summary>
    OnBound = 1,

    /// <summary>One end of the 95 % interval reaches a bound: the record gives only an upper or only a lower limit.</summary>
    OneSided = 2,

    /// <summary>The profile deviance rises by less than 3.841 across the whole range on both sides: the record does not identify the parameter at all.</summary>
    Flat = 4,

    /// <summary>The parameter applies to no fitted cell; its value is its prior's mean if it has a prior, otherwise none.</summary>
    NoData = 8,
}
