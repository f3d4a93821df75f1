namespace ShortVideo.Media.Probing;

/// <summary>Why a file was refused, with a sentence the uploader (not a developer) understands.</summary>
/// <param name="Code">The kind of refusal, for programs.</param>
/// <param name="Message">A sentence for the person who uploaded the file.</param>
internal sealed record MediaRejection(MediaRejectionCode Code, string Message);
