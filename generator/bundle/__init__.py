"""The lecturer's copy: a review site for one reader, offline, optionally locked.

``readers`` picks the interns a reader supervises and narrows the validated project to them
(before anything is rendered); ``make`` builds that project into a site that opens from
``file://``; ``lock`` encrypts it; ``audit`` proves what is and is not in its files;
``answers`` merges the review file the lecturer exports back into ``interns/<id>/review.yaml``.
"""
