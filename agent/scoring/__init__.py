"""Content scoring: how well an answer answers its question, from the words alone (no delivery, no paid service).

``content.score_answer`` is the one offline scorer: the agent scores every answer with it, and
``interviewly score-answers`` runs it on a file. It combines

- relevance: is the answer about this question (and its rubric) rather than a prepared speech about something
  else? Sentence embeddings of the answer against the question, its rubric and its example answers, contrasted with
  generic interview small talk (``prompts/scoring.yaml``). Relevance gates everything else: an off-topic answer
  scores low however specific or fluent it is;
- coverage: which rubric points the answer makes, each with the sentence that made it;
- specificity: a real situation, the candidate's own actions, figures and an outcome, rather than generalities.

Length is not a signal. An LLM, when configured, scores against the same rubric (``llm_judge``) and the offline
score is kept beside it.
"""
