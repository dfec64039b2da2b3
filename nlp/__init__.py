"""Pure text models: text in, numbers out (sentence embeddings). Imports nothing of ours, like analytics/; the API
(screening) and the agent (answer scoring) both use it, so one copy of each model serves both."""
