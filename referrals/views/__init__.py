"""Views of the referrals app: the partner directory, and referrals."""
