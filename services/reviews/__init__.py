"""Reviews: one Google review request per completed job, tracked links, rating trend."""
