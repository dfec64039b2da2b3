"""Tools candidates use on their own: CV analyzer, CV rewriter, career coach, mock interviews, plan limits."""
