namespace ShortVideo.Jobs;

/// <summary>A job handed to one worker until <see cref="LeaseExpiresAt"/>.</summary>
public sealed record JobLease
{
    /// <summary>Id of the job in the queue.</summary>
    public required long JobId { get; init; }

    /// <summary>Kind of the job.</summary>
    public required string Kind { get; init; }

    /// <summary>Key of the job within its kind.</summary>
    public required string Key { get; init; }

    /// <summary>Payload given at enqueue.</summary>
    public string? Payload { get; init; }

    /// <summary>Which attempt this is, from 1; an attempt whose worker died counts too.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// Random token of this lease; renew, complete and fail succeed only while the job still carries it,
    /// so a worker whose lease expired and was taken over cannot finish the job a second time.
    /// </summary>
    public required string LeaseToken { get; init; }

    /// <summary>When the lease expires unless renewed (the time given when it was leased).</summary>
    public required DateTimeOffset LeaseExpiresAt { get; init; }
}
