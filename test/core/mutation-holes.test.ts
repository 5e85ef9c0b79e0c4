// Tests for holes the mutation run showed (issue 10.12); filled in below.
