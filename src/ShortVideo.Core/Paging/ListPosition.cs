namespace ShortVideo.Paging;

/// <summary>Where a page of a list ends: the sort key (a time in Unix milliseconds) and the id of its last item.</summary>
/// <param name="Key">The last item's sort key.</param>
/// <param name="Id">The last item's id (ties on the key are ordered by id, so nothing is skipped or repeated).</param>
public readonly record struct ListPosition(long Key, string Id);
