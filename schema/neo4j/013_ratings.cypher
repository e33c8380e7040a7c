// Ratings (issue #14, point 4): property companies' yearly ratings by the three raters, monthly inspections,
// quarterly satisfaction surveys, the published red/black lists and the credit records they leave.
CREATE CONSTRAINT property_rating_id IF NOT EXISTS FOR (n:PropertyRating) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT property_inspection_id IF NOT EXISTS FOR (n:PropertyInspection) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT satisfaction_survey_id IF NOT EXISTS FOR (n:SatisfactionSurvey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT rating_list_id IF NOT EXISTS FOR (n:RatingList) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT credit_record_id IF NOT EXISTS FOR (n:CreditRecord) REQUIRE n.id IS UNIQUE;
CREATE INDEX property_rating_year IF NOT EXISTS FOR (n:PropertyRating) ON (n.year);
CREATE INDEX property_inspection_date IF NOT EXISTS FOR (n:PropertyInspection) ON (n.date);
