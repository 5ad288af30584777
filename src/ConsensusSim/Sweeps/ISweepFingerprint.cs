namespace ConsensusSim.Sweeps;

/// <summary>Receives what identifies a design's points, exactly (the tool hashes it into a sweep's identity).</summary>
internal interface ISweepFingerprint
{
    /// <summary>Adds a text.</summary>
    /// <param name="text">The text.</param>
    void Add(string text);

    /// <summary>Adds a number by its bits.</summary>
    /// <param name="value">The number.</param>
    void Add(double value);

    /// <summary>Adds a count.</summary>
    /// <param name="value">The count.</param>
    void Add(int value);
}
